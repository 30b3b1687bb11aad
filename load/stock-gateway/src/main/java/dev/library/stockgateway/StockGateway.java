package dev.library.stockgateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A stock Spring Cloud Gateway: the route is in application.yaml, everything else is the
 * framework's defaults. load/bench measures the product's gateway against it on the same backend.
 */
@SpringBootApplication
public class StockGateway {

    public static void main(String[] args) {
        SpringApplication.run(StockGateway.class, args);
    }
}
