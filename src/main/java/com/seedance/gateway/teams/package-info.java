/**
 * Teams, their quotas and API keys, and who may call what: the gateway's authentication.
 */
@NullMarked
package com.seedance.gateway.teams;

import org.jspecify.annotations.NullMarked;
