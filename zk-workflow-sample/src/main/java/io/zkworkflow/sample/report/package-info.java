/**
 * Sample: a locked scheduled job and a fencing token.
 */
@NullMarked
package io.zkworkflow.sample.report;

import org.jspecify.annotations.NullMarked;
