/**
 * Sample: how the web API answers a request it refuses.
 */
@NullMarked
package io.zkworkflow.sample.web;

import org.jspecify.annotations.NullMarked;
