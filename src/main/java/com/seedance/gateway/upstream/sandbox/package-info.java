/**
 * A simulator of the upstream protocol, served by the gateway itself under {@code /sandbox/**} when
 * {@code seedance.sandbox=true}. See docs/sandbox.md.
 */
@NullMarked
package com.seedance.gateway.upstream.sandbox;

import org.jspecify.annotations.NullMarked;
