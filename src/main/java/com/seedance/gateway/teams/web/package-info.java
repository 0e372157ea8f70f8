/**
 * The operator API for teams and their keys, under {@code /admin/teams}, and a team's own {@code /usage}.
 */
@NullMarked
package com.seedance.gateway.teams.web;

import org.jspecify.annotations.NullMarked;
