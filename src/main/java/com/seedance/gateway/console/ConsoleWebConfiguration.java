package com.seedance.gateway.console;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

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

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new AuditInterceptor(audit)).addPathPatterns("/admin/**", "/console/**");
	}

}
