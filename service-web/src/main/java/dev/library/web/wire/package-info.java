/**
 * What every component of library says on the wire in the same words, servlet service or
 * reactive gateway: the request-id header, the refusal texts, {@code Retry-After}. Nothing here
 * may use servlet types: the gateway takes this package alone (it excludes the rest of service-web).
 */
package dev.library.web.wire;
