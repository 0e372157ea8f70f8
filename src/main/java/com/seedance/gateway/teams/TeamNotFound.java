package com.seedance.gateway.teams;

import org.springframework.http.HttpStatus;

import com.seedance.gateway.shared.ProblemCodes;
import com.seedance.gateway.shared.ProblemException;

public class TeamNotFound extends ProblemException {

	public TeamNotFound(String teamId) {
		super(HttpStatus.NOT_FOUND, ProblemCodes.NOT_FOUND, "No team '" + teamId + "'.");
	}

}
