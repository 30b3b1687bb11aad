package dev.library.operator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OperatorMetricsTest {

    @Test
    void theOperatorExportsProcessAndJvmInformationUnderTheServicesNames() {
        String scrape = OperatorMain.meterRegistry().scrape();

        assertThat(scrape).contains("jvm_info{", "process_start_time_seconds", "process_uptime_seconds",
                "process_files_open_files", "jvm_classes_loaded_classes", "jvm_memory_used_bytes",
                "process_cpu_usage", "application=\"library-operator\"");
    }
}
