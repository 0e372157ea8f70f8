/**
 * The client jobs API ({@code /jobs}) and the operators' job history ({@code /admin/jobs}).
 */
@NullMarked
package com.seedance.gateway.jobs.web;

import org.jspecify.annotations.NullMarked;
