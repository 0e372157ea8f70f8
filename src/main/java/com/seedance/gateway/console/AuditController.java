package com.seedance.gateway.console;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class AuditController {

	private static final int PAGE = 100;

	private final AuditLog audit;

	AuditController(AuditLog audit) {
		this.audit = audit;
	}

	@GetMapping("/console/audit")
	String audit(@RequestParam(required = false) @Nullable Long before, Model model) {
		List<AuditLog.Entry> entries = audit.newest(before, PAGE);
		model.addAttribute("entries", entries);
		model.addAttribute("next", entries.size() == PAGE ? entries.get(PAGE - 1).id() : null);
		return "console/audit";
	}

}
