package com.seedance.modulithfixture.tracking;

import com.seedance.modulithfixture.jobs.Job;
import com.seedance.modulithfixture.upstream.Client;

/** The right direction: tracking may use both jobs and upstream. */
public class Dispatcher {

	private final Client client = new Client();

	public String dispatch() {
		return client.submit(Job.accept());
	}

}
