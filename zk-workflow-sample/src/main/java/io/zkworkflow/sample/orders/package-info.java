/**
 * Sample: orders, placed through a workflow of durable tasks.
 */
@NullMarked
package io.zkworkflow.sample.orders;

import org.jspecify.annotations.NullMarked;
