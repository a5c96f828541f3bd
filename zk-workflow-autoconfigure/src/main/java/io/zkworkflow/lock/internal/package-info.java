/**
 * How distributed locks work inside: znode layout, acquisition, loss detection, interception.
 * Not an API: types here may change in any release.
 */
@NullMarked
package io.zkworkflow.lock.internal;

import org.jspecify.annotations.NullMarked;
