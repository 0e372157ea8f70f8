package com.seedance.gateway.console;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.seedance.gateway.jobs.JobLifecycle;
import com.seedance.gateway.jobs.JobNotCancellable;
import com.seedance.gateway.jobs.JobNotFound;
import com.seedance.gateway.notify.Deliveries;
import com.seedance.gateway.notify.DeliveryNotFound;
import com.seedance.gateway.notify.JobStreams;

/**
 * {@code /console/jobs/{id}}: a job's story, kept current while it is unfinished (the page follows the operators'
 * stream of the job and reloads its live part on each status event), and the actions on it: cancel a queued job,
 * send a failed notification again. Actions go through the jobs and notify modules' services.
 */
@Controller
class ConsoleJobController {

	private final JobStory stories;

	private final JobLifecycle lifecycle;

	private final Deliveries deliveries;

	private final JobStreams streams;

	private final Clock clock;

	ConsoleJobController(JobStory stories, JobLifecycle lifecycle, Deliveries deliveries, JobStreams streams, Clock clock) {
		this.stories = stories;
		this.lifecycle = lifecycle;
		this.deliveries = deliveries;
		this.streams = streams;
		this.clock = clock;
	}

	@GetMapping("/console/jobs/{id}")
	String job(@PathVariable String id, Model model, HttpServletResponse response) {
		JobStory.Story story = story(id);
		model.addAttribute("story", story);
		response.setHeader(ContentSecurityPolicy.HEADER, ContentSecurityPolicy.withVideo(story.job().videoUrl()));
		return "console/job";
	}

	/**
	 * The live part of the page, fetched again on each status event. Once the job has ended the whole page is
	 * reloaded instead ({@code HX-Refresh}): its video may come from an origin the page's policy must name.
	 */
	@GetMapping("/console/jobs/{id}/live")
	String live(@PathVariable String id, Model model, HttpServletResponse response,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx) {
		JobStory.Story story = story(id);
		if (story.job().terminal() && htmx != null) {
			response.setHeader("HX-Refresh", "true");
		}
		model.addAttribute("story", story);
		return "console/job-live :: live";
	}

	@GetMapping(path = "/console/jobs/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	ResponseEntity<SseEmitter> events(@PathVariable String id,
			@RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId) {
		return ResponseEntity.ok().header("X-Accel-Buffering", "no").body(streams.openForOperator(jobId(id), lastEventId));
	}

	@PostMapping("/console/jobs/{id}/cancel")
	String cancel(@PathVariable String id, RedirectAttributes redirect) {
		JobStory.Story story = story(id);
		try {
			lifecycle.cancel(story.job().team(), story.job().id());
			redirect.addFlashAttribute("notice", "The job is cancelled.");
		}
		catch (JobNotCancellable ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/console/jobs/" + story.job().id();
	}

	@PostMapping("/console/jobs/{id}/deliveries/{deliveryId}/redeliver")
	String redeliver(@PathVariable String id, @PathVariable String deliveryId, RedirectAttributes redirect) {
		UUID job = jobId(id);
		UUID delivery = uuid(deliveryId).orElseThrow(() -> new DeliveryNotFound(new UUID(0, 0)));
		if (deliveries.find(delivery).filter(found -> found.jobId().equals(job)).isEmpty()) {
			throw new DeliveryNotFound(delivery); // none, or another job's: this page acts on its own job only
		}
		deliveries.redeliver(delivery, clock.instant());
		redirect.addFlashAttribute("notice", "The notification is sent again now, with the same webhook-id.");
		return "redirect:/console/jobs/" + job;
	}

	private JobStory.Story story(String id) {
		UUID jobId = jobId(id);
		return stories.of(jobId).orElseThrow(() -> new JobNotFound(jobId));
	}

	private static UUID jobId(String id) {
		return uuid(id).orElseThrow(JobNotFound::new);
	}

	private static Optional<UUID> uuid(String text) {
		try {
			UUID parsed = UUID.fromString(text);
			return parsed.toString().equalsIgnoreCase(text) ? Optional.of(parsed) : Optional.empty();
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
