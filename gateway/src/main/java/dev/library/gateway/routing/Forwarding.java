package dev.library.gateway.routing;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.http.client.HttpClient;

/**
 * How a routed call goes out and comes back: Spring Cloud Gateway's own Netty filters, given
 * {@link ProxiedHeaders} as their only header rule. Left to itself, the gateway applies every
 * {@link HttpHeadersFilter} bean it defines (removing forwarding headers, hop-by-hop headers,
 * normalising transfer encodings), each copying the whole header map on every request; so its two
 * filters are switched off in application.yaml
 * ({@code spring.cloud.gateway.server.webflux.global-filter.netty-routing.enabled}) and made here.
 */
@Configuration(proxyBeanMethods = false)
class Forwarding {

    private static final List<HttpHeadersFilter> HEADER_RULES = List.of(ProxiedHeaders.TO_SERVICE,
            ProxiedHeaders.TO_CLIENT);

    @Bean
    NettyRoutingFilter routingFilter(HttpClient httpClient, HttpClientProperties properties) {
        return new NettyRoutingFilter(httpClient, headerRules(), properties);
    }

    @Bean
    NettyWriteResponseFilter nettyWriteResponseFilter(
            org.springframework.cloud.gateway.config.GatewayProperties properties) {
        return new NettyWriteResponseFilter(properties.getStreamingMediaTypes(), headerRules());
    }

    private static ObjectProvider<List<HttpHeadersFilter>> headerRules() {
        return new ObjectProvider<>() {
            @Override
            public List<HttpHeadersFilter> getIfAvailable() {
                return HEADER_RULES;
            }
        };
    }
}
