package dev.monstack.e2e;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@SpringBootApplication
@EnableScheduling
public class MetricsApp {

    public static void main(String[] args) {
        SpringApplication.run(MetricsApp.class, args);
    }

    /** Custom "business" metrics, registered at startup and updated every 500 ms. */
    @Component
    static class OrderMetrics {
        private final Counter processed;
        private final AtomicInteger queueDepth = new AtomicInteger();
        private final Timer latency;

        OrderMetrics(MeterRegistry registry) {
            this.processed = Counter.builder("orders.processed")
                    .description("Number of orders processed")
                    .register(registry);
            registry.gauge("orders.queue.depth", queueDepth);
            this.latency = Timer.builder("orders.latency")
                    .description("Order processing latency")
                    .publishPercentileHistogram()
                    .register(registry);
        }

        @Scheduled(fixedRate = 500)
        void tick() {
            ThreadLocalRandom rnd = ThreadLocalRandom.current();
            int n = 1 + rnd.nextInt(5);
            processed.increment(n);
            queueDepth.set(rnd.nextInt(0, 50));
            for (int i = 0; i < n; i++) {
                latency.record(Duration.ofMillis(rnd.nextLong(5, 800)));
            }
        }
    }

    /**
     * Micrometer only registers jvm_gc_pause_seconds after the first GC notification; force one
     * GC once the app is ready so the metric is always present for e2e assertions/dashboards.
     */
    @Component
    static class InitialGc {
        @EventListener(ApplicationReadyEvent.class)
        void onReady() {
            System.gc();
        }
    }

    @RestController
    static class Hello {
        @GetMapping("/")
        String hello() {
            return "monstack e2e spring app\n";
        }
    }
}
