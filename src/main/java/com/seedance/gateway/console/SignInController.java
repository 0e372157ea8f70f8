package com.seedance.gateway.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class SignInController {

	@GetMapping(ConsoleSecurityConfiguration.SIGN_IN)
	String signIn() {
		return "console/login";
	}

	@GetMapping({ "/console", "/console/" })
	String home() {
		return "redirect:" + ConsoleSecurityConfiguration.HOME;
	}

}
