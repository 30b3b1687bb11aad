package dev.library.web.limits;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import dev.library.web.problem.Problems;

/**
 * A request's {@code Content-Type} names what its body is: a pattern ({@code *}{@code /*},
 * {@code application/*}, {@code application/*+json}) or an unparseable value names nothing, and is
 * refused with 415 before any reader sees it (readers would otherwise fail deep inside with a 500).
 */
public class ContentTypeFilter extends OncePerRequestFilter {

    private final JsonMapper jsonMapper;

    public ContentTypeFilter(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getHeader("Content-Type");
        if (contentType != null && !names(contentType)) {
            response.setStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            jsonMapper.writeValue(response.getOutputStream(), Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type must name one media type (application/json), not a pattern.", request));
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean names(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (InvalidMediaTypeException unparseable) {
            return false;
        }
    }
}
