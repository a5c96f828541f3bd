/**
 * Spring Boot auto-configuration for zk-workflow: one auto-configuration per capability, all on the
 * single {@code CuratorFramework} that spring-cloud-zookeeper builds.
 */
@NullMarked
package io.zkworkflow.autoconfigure;

import org.jspecify.annotations.NullMarked;
