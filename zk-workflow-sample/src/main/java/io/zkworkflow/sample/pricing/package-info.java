/**
 * Sample: live configuration (a feature flag and a JSON document).
 */
@NullMarked
package io.zkworkflow.sample.pricing;

import org.jspecify.annotations.NullMarked;
