package io.zkworkflow.config.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.zkworkflow.config.ZkConfigTemplate;
import io.zkworkflow.internal.InputText;
import io.zkworkflow.internal.ZkRoot;
import io.zkworkflow.internal.ZnodeNames;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.common.PathUtils;
import org.jspecify.annotations.Nullable;

/**
 * Every znode path of live configuration, laid out as spring-cloud-zookeeper config lays it out
 * so that existing trees work unchanged:
 *
 * <pre>
 * {root}/{defaultContext}                  shared by every application
 * {root}/{defaultContext}{sep}{profile}    one per active profile
 * {root}/{name}                            this application (spring.application.name)
 * {root}/{name}{sep}{profile}              this application, per active profile
 * </pre>
 *
 * Later contexts win. A name may hold '/' (spring-cloud-zookeeper allows application names that
 * are paths): {@code some/service} reads {@code {root}/some/service}, and a leading '/' is
 * dropped, as spring-cloud-zookeeper config does. Below a context, nested znodes are dotted keys ({@code pricing/rate} is
 * {@code pricing.rate}); a znode named like {@code *.properties}, {@code *.yml}, {@code *.yaml}
 * or {@code *.json} holds a document applied as one unit. The context znode's own data version
 * is the context version used by {@link ZkConfigTemplate}. The root lies outside
 * {@code zk-workflow.root-path} on purpose (compatibility).
 */
public final class ConfigPaths {

	private final String root;

	private final String defaultContext;

	private final String name;

	private final String separator;

	private final List<String> profiles;

	public ConfigPaths(String root, String defaultContext, String name, String separator, List<String> profiles) {
		String problem = ZkRoot.problemWith(root);
		if (problem != null) {
			throw new IllegalArgumentException("Invalid zk-workflow.config.root '" + root + "': " + problem);
		}
		this.root = root;
		this.defaultContext = checkContextName("zk-workflow.config.default-context", defaultContext);
		this.name = checkContextName("zk-workflow.config.name (or spring.application.name)", name);
		this.separator = separator;
		this.profiles = List.copyOf(profiles);
	}

	private String checkContextName(String property, String value) {
		String problem = (value.isEmpty() || value.equals("/")) ? "it is empty" : pathProblem(join(value));
		if (problem != null) {
			throw new IllegalArgumentException("Invalid " + property + " '" + value + "': a configuration context "
					+ "name must be a znode name or a relative znode path such as 'orders' or 'shop/orders' ("
					+ problem + ")");
		}
		return value;
	}

	private String join(String contextName) {
		return this.root + (contextName.startsWith("/") ? "" : "/") + contextName;
	}

	private static @Nullable String pathProblem(String path) {
		try {
			PathUtils.validatePath(path);
			return null;
		}
		catch (IllegalArgumentException ex) {
			return ex.getMessage();
		}
	}

	/**
	 * Return the configuration root.
	 * @return the root path, {@code /config} by default
	 */
	public String root() {
		return this.root;
	}

	/**
	 * Return the context paths this application reads, lowest precedence first.
	 * @return the context paths
	 */
	public List<String> contexts() {
		List<String> contexts = new ArrayList<>();
		addWithProfiles(contexts, this.defaultContext);
		if (!this.name.equals(this.defaultContext)) {
			addWithProfiles(contexts, this.name);
		}
		return Collections.unmodifiableList(contexts);
	}

	private void addWithProfiles(List<String> contexts, String base) {
		contexts.add(context(base));
		for (String profile : this.profiles) {
			contexts.add(context(base + this.separator + profile));
		}
	}

	/**
	 * Return the path of a named context.
	 * @param contextName a context name such as {@code application}, {@code orders,prod} or
	 * {@code shop/orders}
	 * @return the context path
	 */
	public String context(String contextName) {
		return join(checkContextName("context name", contextName));
	}

	/**
	 * Return this application's own context ({@code {root}/{name}}), where
	 * {@link ZkConfigTemplate} writes by default.
	 * @return the context path
	 */
	public String applicationContext() {
		return context(this.name);
	}

	/**
	 * Return the znode of one key written by {@link ZkConfigTemplate}: one flat znode named after
	 * the key, directly below the context.
	 * @param contextPath the context path
	 * @param key the property key
	 * @return the znode path
	 */
	public String keyNode(String contextPath, String key) {
		checkKey(key);
		return ZKPaths.makePath(contextPath, key);
	}

	/**
	 * Return the property key of a znode below a context, with '/' turned into '.'.
	 * @param contextPath the context path
	 * @param nodePath a znode path below the context
	 * @return the dotted key
	 */
	public static String keyOf(String contextPath, String nodePath) {
		return nodePath.substring(contextPath.length() + 1).replace('/', '.');
	}

	/**
	 * Check that a key can be written as one znode name.
	 * @param key the key
	 */
	public static void checkKey(String key) {
		if (key.isBlank() || ZnodeNames.checkId(key) != null) {
			throw new IllegalArgumentException("Configuration key " + InputText.quote(key) + " cannot be written as one znode name: "
					+ "use a non-blank key without '/' or control characters, at most " + ZnodeNames.MAX_ID_LENGTH + " characters, such as 'pricing.discount-rate', "
					+ "or an absolute znode path starting with '/'");
		}
	}

	@Override
	public String toString() {
		return "ConfigPaths" + contexts();
	}

}
