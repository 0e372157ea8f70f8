package floor;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** One constant answer: what Spring MVC on Tomcat costs on this machine before any work of the gateway's. */
@SpringBootApplication
@RestController
public class FloorApplication {

	@GetMapping("/status")
	Map<String, String> status() {
		return Map.of("status", "UP");
	}

	public static void main(String[] args) {
		SpringApplication.run(FloorApplication.class, args);
	}

}
