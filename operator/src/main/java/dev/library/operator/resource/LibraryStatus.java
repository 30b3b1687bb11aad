package dev.library.operator.resource;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.model.annotation.LabelSelector;
import io.fabric8.kubernetes.model.annotation.StatusReplicas;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class LibraryStatus {

    @JsonPropertyDescription("The spec generation this status describes.")
    public Long observedGeneration;

    @JsonPropertyDescription("Ready, Progressing, Degraded.")
    public List<Condition> conditions = new ArrayList<>();

    public ComponentStatus gateway;
    public ComponentStatus authService;

    @JsonPropertyDescription("book-service replicas; the scale subresource reads readyReplicas.")
    public BookServiceStatus bookService;

    @JsonPropertyDescription("book-service pods' label selector (scale subresource).")
    @LabelSelector
    public String bookServiceSelector;

    @JsonPropertyDescription("Where the API is reached.")
    public String gatewayUrl;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class ComponentStatus {
        public Integer desiredReplicas;
        public Integer readyReplicas;

        public ComponentStatus() {
        }

        public ComponentStatus(Integer desiredReplicas, Integer readyReplicas) {
            this.desiredReplicas = desiredReplicas;
            this.readyReplicas = readyReplicas;
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class BookServiceStatus {
        public Integer desiredReplicas;

        @StatusReplicas
        public Integer readyReplicas;

        public BookServiceStatus() {
        }

        public BookServiceStatus(Integer desiredReplicas, Integer readyReplicas) {
            this.desiredReplicas = desiredReplicas;
            this.readyReplicas = readyReplicas;
        }
    }
}
