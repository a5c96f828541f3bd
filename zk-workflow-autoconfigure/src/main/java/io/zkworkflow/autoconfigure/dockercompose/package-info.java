/**
 * Spring Boot Docker Compose support for a ZooKeeper service.
 */
@NullMarked
package io.zkworkflow.autoconfigure.dockercompose;

import org.jspecify.annotations.NullMarked;
