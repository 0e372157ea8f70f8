package com.seedance.gateway.teams;

/** What an operator may change about a team: its name and its quota. */
public record TeamSettings(String name, Quota quota) {
}
