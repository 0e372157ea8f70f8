package com.seedance.gateway.console;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * Registers the {@link AuditInterceptor}. The audit log is looked up at the first audited request, not when MVC is
 * configured: MVC's configuration is built while the web server starts, before the database is ready to be used.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleWebConfiguration implements WebMvcConfigurer {

	private final ObjectProvider<AuditLog> audit;

	ConsoleWebConfiguration(ObjectProvider<AuditLog> audit) {
		this.audit = audit;
	}

	/**
	 * Thymeleaf's {@link ResourceUrlEncodingFilter} (on whenever a webjars locator is present) would look every link
	 * of a page up as a static resource to version it: a class path search per link, 100 for a page of jobs, most of
	 * a page's CPU time. The console's assets carry no version to rewrite, so it stays off.
	 */
	@Bean
	FilterRegistrationBean<ResourceUrlEncodingFilter> noResourceUrlEncoding() {
		FilterRegistrationBean<ResourceUrlEncodingFilter> registration = new FilterRegistrationBean<>(
				new ResourceUrlEncodingFilter());
		registration.setEnabled(false);
		return registration;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new AuditInterceptor(audit)).addPathPatterns("/admin/**", "/console/**");
	}

}
