package com.seedance.gateway.console;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import com.seedance.gateway.support.GatewayIntegrationTest;
import com.seedance.gateway.support.MutableClockConfiguration;

/**
 * The whole gateway on a random port with a clock the test moves and history pages of three jobs; one context for
 * every console test class (each works with teams of its own).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@GatewayIntegrationTest
@Import(MutableClockConfiguration.class)
@TestPropertySource(properties = "gateway.console.page-size=3")
@interface ConsoleIntegrationTest {
}
