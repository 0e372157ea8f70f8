package com.seedance.modulithfixture.shared;

public final class Ids {

	private Ids() {
	}

	public static String next() {
		return "id";
	}

}
