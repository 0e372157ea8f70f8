package com.seedance.gateway.jobs.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/** The rules of a {@link CreateJobRequest}, checked by {@link JobRequestValidator}. */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = JobRequestValidator.class)
@interface ValidJobRequest {

	String message() default "is not a valid job request";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
