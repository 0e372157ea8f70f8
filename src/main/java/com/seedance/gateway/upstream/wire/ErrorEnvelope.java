package com.seedance.gateway.upstream.wire;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** {@code {"code":1,"message":"…"}}: every error the upstream answers. */
@JsonIgnoreProperties(ignoreUnknown = true)
record ErrorEnvelope(@Nullable Integer code, @Nullable String message) {
}
