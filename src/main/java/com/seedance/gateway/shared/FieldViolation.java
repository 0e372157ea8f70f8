package com.seedance.gateway.shared;

/** One offending field of a request, as listed in a {@code validation_failed} problem. */
public record FieldViolation(String field, String message) {
}
