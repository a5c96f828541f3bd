package io.zkworkflow.security;

import java.util.List;

import io.zkworkflow.support.ZkRoot;
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
		this.owner = owner;
		this.aclProvider = new RootAclProvider(root, owner, readers, rootReaders);
	}

	@Override
	public void customize(CuratorFrameworkFactory.Builder builder) {
		builder.authorization("digest", this.owner.authBytes()).aclProvider(this.aclProvider);
	}

}
