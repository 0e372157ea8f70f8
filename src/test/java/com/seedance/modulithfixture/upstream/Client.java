package com.seedance.modulithfixture.upstream;

import com.seedance.modulithfixture.jobs.Job;

/** The wrong direction: upstream declares no dependencies, yet takes a Job. */
public class Client {

	public String submit(Job job) {
		return job.id();
	}

}
