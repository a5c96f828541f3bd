package io.zkworkflow.security.internal;

import java.util.List;

import io.zkworkflow.internal.ZkRoot;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.zookeeper.data.Id;

import org.springframework.cloud.zookeeper.CuratorFrameworkCustomizer;

/**
 * Adds digest authentication and the root-scoped ACL provider to the one client that
 * spring-cloud-zookeeper builds, so discovery and zk-workflow share an authenticated session.
 */
public class DigestSecurityCustomizer implements CuratorFrameworkCustomizer {

	private final DigestCredentials owner;

	private final RootAclProvider aclProvider;

	public DigestSecurityCustomizer(ZkRoot root, DigestCredentials owner, List<DigestCredentials> readers,
			List<Id> rootReaders) {
		this(root, List.of(), owner, readers, rootReaders);
	}

	/**
	 * Create a customizer whose ACLs also protect the trees in {@code alsoProtected}.
	 * @param root the zk-workflow root
	 * @param alsoProtected further tree roots, such as the live configuration root
	 * @param owner the identity the client authenticates as
	 * @param readers read-only identities
	 * @param rootReaders ACL ids that may read the tree roots themselves
	 */
	public DigestSecurityCustomizer(ZkRoot root, List<ZkRoot> alsoProtected, DigestCredentials owner,
			List<DigestCredentials> readers, List<Id> rootReaders) {
		this.owner = owner;
		this.aclProvider = new RootAclProvider(root, alsoProtected, owner, readers, rootReaders);
	}

	@Override
	public void customize(CuratorFrameworkFactory.Builder builder) {
		builder.authorization("digest", this.owner.authBytes()).aclProvider(this.aclProvider);
	}

}
