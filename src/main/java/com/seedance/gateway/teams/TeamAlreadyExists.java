package com.seedance.gateway.teams;

import org.springframework.http.HttpStatus;

import com.seedance.gateway.shared.ProblemCodes;
import com.seedance.gateway.shared.ProblemException;

public class TeamAlreadyExists extends ProblemException {

	public TeamAlreadyExists(String teamId) {
		super(HttpStatus.CONFLICT, ProblemCodes.CONFLICT, "A team '" + teamId + "' already exists.");
	}

}
