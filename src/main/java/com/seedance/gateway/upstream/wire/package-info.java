/**
 * The upstream's JSON as it is on the wire: request bodies and response envelopes. Internal to the
 * {@code upstream} module.
 */
@NullMarked
package com.seedance.gateway.upstream.wire;

import org.jspecify.annotations.NullMarked;
