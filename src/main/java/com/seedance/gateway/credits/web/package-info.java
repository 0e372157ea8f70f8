@NullMarked
package com.seedance.gateway.credits.web;

import org.jspecify.annotations.NullMarked;
