package dev.library.book.api;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The seed's "health-check API with no business logic": no auth, no database. Used by load tests. */
@RestController
class PingController {

    private static final Map<String, String> OK = Map.of("status", "ok");

    @GetMapping("/api/ping")
    Map<String, String> ping() {
        return OK;
    }
}
