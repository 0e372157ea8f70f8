package com.seedance.gateway.upstream.wire;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** {@code {"code":0,"message":"ok","data":{…the task…}}} */
@JsonIgnoreProperties(ignoreUnknown = true)
record QueryEnvelope(@Nullable Integer code, @Nullable String message, @Nullable TaskData data) {
}
