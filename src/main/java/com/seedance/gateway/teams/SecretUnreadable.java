package com.seedance.gateway.teams;

/** A stored secret that cannot be read back: encrypted under another key, or with none configured. */
public class SecretUnreadable extends RuntimeException {

	SecretUnreadable(String reason) {
		super("The team's webhook signing secret cannot be read: " + reason, null, false, false);
	}

}
