package dev.library.web.proxy;

import java.util.List;
import java.util.stream.Collectors;

import org.apache.catalina.Valve;
import org.apache.catalina.util.NetMask;
import org.apache.catalina.valves.RemoteIpValve;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Believes {@code X-Forwarded-For} (and -Proto) only from the configured proxies, by address or
 * CIDR. Tomcat's own default believes any private address, so anyone inside the network who can
 * reach a service directly could pick the client address that login throttling counts by.
 * Runs after Spring Boot's customizer, which adds the RemoteIpValve when
 * {@code server.forward-headers-strategy=native}; without that valve nothing is believed anyway.
 */
public class TrustedProxies implements WebServerFactoryCustomizer<TomcatWebServerFactory>, Ordered {

    private final String cidrs;

    /** @param addresses addresses ({@code 10.0.0.5}) or CIDRs ({@code 10.42.0.0/16}); IPv4 or IPv6 */
    public TrustedProxies(List<String> addresses) {
        this.cidrs = addresses.stream().map(String::strip).filter(address -> !address.isEmpty())
                .map(TrustedProxies::asCidr).collect(Collectors.joining(","));
    }

    private static String asCidr(String address) {
        String cidr = address.contains("/") ? address : address + (address.contains(":") ? "/128" : "/32");
        new NetMask(cidr); // fails fast, at start-up, on a malformed entry
        return cidr;
    }

    @Override
    public void customize(TomcatWebServerFactory factory) {
        for (Valve valve : factory.getEngineValves()) {
            if (valve instanceof RemoteIpValve remoteIp) {
                // Tomcat reads a value containing '/' as a CIDR list; empty trusts no proxy at all.
                remoteIp.setInternalProxies(cidrs.isEmpty() ? "" : cidrs);
                remoteIp.setTrustedProxies("");
            }
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
