package com.seedance.gateway.tracking;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

import org.springframework.stereotype.Component;

/** Names this process in claims ({@code claimed_by}) and logs. */
@Component
class InstanceId {

	private final String value;

	InstanceId() {
		this.value = host() + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 4);
	}

	private static String host() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "unknown-host";
		}
	}

	String value() {
		return value;
	}

	@Override
	public String toString() {
		return value;
	}

}
