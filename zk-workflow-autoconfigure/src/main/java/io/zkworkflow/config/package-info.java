/**
 * Live configuration from ZooKeeper: {@link io.zkworkflow.config.ZkConfigValue} injection points,
 * {@link io.zkworkflow.config.ZkValue} holders, a live PropertySource, change listeners and the
 * {@link io.zkworkflow.config.ZkConfigTemplate} write API.
 */
@NullMarked
package io.zkworkflow.config;

import org.jspecify.annotations.NullMarked;
