package com.seedance.gateway.shared;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.BindingResult;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Validates {@code @Valid} request bodies with Boot's Bean Validation, except for one step: Spring would look the
 * rejected value up again by the field's path, which fails for the JSON paths a class-level constraint names
 * ({@code content[2].image_url.url} is no Java property path); the value the constraint saw is taken instead.
 */
@Configuration(proxyBeanMethods = false)
class RequestValidation implements WebMvcConfigurer {

	private final Validator validator;

	RequestValidation(Validator validator) {
		this.validator = validator;
	}

	@Override
	public org.springframework.validation.Validator getValidator() {
		return new SpringValidatorAdapter(validator) {

			@Override
			protected @Nullable Object getRejectedValue(String field, ConstraintViolation<Object> violation,
					BindingResult bindingResult) {
				return violation.getInvalidValue();
			}

		};
	}

}
