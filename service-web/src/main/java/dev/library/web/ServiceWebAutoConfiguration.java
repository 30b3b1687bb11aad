package dev.library.web;

import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpStatusRequestRejectedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

import dev.library.web.limits.ContentTypeFilter;
import dev.library.web.limits.RequestBodyLimitFilter;
import dev.library.web.problem.ProblemErrorController;
import dev.library.web.problem.ProblemExceptionHandler;
import dev.library.web.problem.ProblemSecurityHandlers;
import dev.library.web.proxy.TrustedProxies;
import dev.library.web.requestid.RequestIdFilter;
import dev.library.web.security.HeaderCharacters;
import dev.library.web.tomcat.ProblemReportValve;

/**
 * Wires the shared HTTP conventions into a servlet service: problem responses for every error,
 * request ids, the body limit, the trusted proxies and strict JSON reading.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ServiceWebProperties.class)
public class ServiceWebAutoConfiguration {

    /**
     * The actuator answers without a token. It listens only on the management port, which is
     * never routed by the gateway and, in Kubernetes, reachable only inside the cluster
     * (probes, Prometheus). Ordered first so the API's chain never sees these requests.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain managementEndpoints(HttpSecurity http) throws Exception {
        return http.securityMatcher(EndpointRequest.toAnyEndpoint())
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    /**
     * No observation around each security filter, authentication and authorization: a dozen
     * wrappers on every request, more cost than they tell; request, store and cache metrics remain.
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** The strict firewall as by default, with a header-character check that costs no regex for ASCII. */
    @Bean
    WebSecurityCustomizer headerCharacterFirewall() {
        return web -> web.httpFirewall(HeaderCharacters.firewall());
    }

    /**
     * A URL the firewall refuses as a whole (an encoded slash, {@code ..}, a semicolon) is the
     * client's fault: 400, answered by the problem error controller (Spring Security would rethrow
     * it, and the container would make it a 500).
     */
    @Bean
    RequestRejectedHandler requestRejectedAs400() {
        return new HttpStatusRequestRejectedHandler();
    }

    @Bean
    ProblemExceptionHandler problemExceptionHandler() {
        return new ProblemExceptionHandler();
    }

    @Bean
    ProblemErrorController problemErrorController() {
        return new ProblemErrorController();
    }

    @Bean
    ProblemSecurityHandlers problemSecurityHandlers(JsonMapper jsonMapper) {
        return new ProblemSecurityHandlers(jsonMapper);
    }

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter(@Value("${management.server.port:-1}") int managementPort) {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(
                new RequestIdFilter(managementPort));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(ServiceWebProperties properties,
            JsonMapper jsonMapper) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
                new RequestBodyLimitFilter(properties.maxRequestBody().toBytes(), properties.bodyReadDeadline(), jsonMapper));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** A Content-Type that is a pattern or unparseable is a 415 before any body reader sees it. */
    @Bean
    FilterRegistrationBean<ContentTypeFilter> contentTypeFilter(JsonMapper jsonMapper) {
        FilterRegistrationBean<ContentTypeFilter> registration = new FilterRegistrationBean<>(
                new ContentTypeFilter(jsonMapper));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    /**
     * Bodies are JSON and nothing else: readers of other formats that happen to be on the class
     * path (YAML comes with springdoc, XML, CBOR, Smile with other libraries) would read a body
     * around the strict JSON rules below. Their media types get a 415 problem.
     */
    @Bean
    ServerHttpMessageConvertersCustomizer jsonBodiesOnly() {
        return builder -> builder.configureMessageConvertersList(converters -> converters
                .removeIf(ServiceWebAutoConfiguration::readsAnotherFormat));
    }

    private static boolean readsAnotherFormat(HttpMessageConverter<?> converter) {
        return converter.getSupportedMediaTypes().stream().anyMatch(type -> {
            String subtype = type.getSubtype();
            return subtype.contains("yaml") || subtype.contains("xml") || subtype.contains("cbor")
                    || subtype.contains("smile") || subtype.contains("protobuf");
        }) && converter.getSupportedMediaTypes().stream().noneMatch(type -> type.includes(MediaType.APPLICATION_JSON)
                && !type.isWildcardType());
    }

    /**
     * Errors Tomcat answers itself (a bad escape or a forbidden character in the URL, before any
     * filter runs) are problem+json like every other: its HTML error report valve is replaced.
     * Ordered last, so it replaces the valve Spring Boot installs.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReportValve() {
        return new ProblemReportValveCustomizer();
    }

    @Order(Ordered.LOWEST_PRECEDENCE)
    static final class ProblemReportValveCustomizer
            implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                if (!(context.getParent() instanceof Host host)) {
                    return;
                }
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve && !(valve instanceof ProblemReportValve)) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                ProblemReportValve problems = new ProblemReportValve();
                problems.setShowReport(false);
                problems.setShowServerInfo(false);
                host.getPipeline().addValve(problems);
                if (host instanceof StandardHost standard) {
                    standard.setErrorReportValveClass(ProblemReportValve.class.getName());
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    /** X-Forwarded-For is believed only from {@code library.http.trusted-proxies} (the gateway). */
    @Bean
    TrustedProxies trustedProxies(ServiceWebProperties properties) {
        return new TrustedProxies(properties.trustedProxies());
    }

    /**
     * A request body means exactly what it says: unknown properties are refused, and a number is
     * not silently taken for a string (or the reverse), so a client's mistake gets a 400, not a guess.
     */
    @Bean
    JsonMapperBuilderCustomizer strictJsonReading() {
        return builder -> builder
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Integer, config -> config
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, config -> config
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail));
    }
}
