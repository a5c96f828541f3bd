package io.zkworkflow.security.internal;

import java.util.List;

import io.zkworkflow.internal.ZkRoot;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.zookeeper.data.Id;

import org.springframework.cloud.zookeeper.CuratorFrameworkCustomizer;

/**
 * The alternative to {@link DigestSecurityCustomizer} for a client that connects over TLS: the
 * server authenticates it by its certificate during the handshake ({@code x509} scheme), so
 * there is no password to send, and zk-workflow's znodes belong to the certificate's subject.
 */
public class X509SecurityCustomizer implements CuratorFrameworkCustomizer {

	private final RootAclProvider aclProvider;

	/**
	 * Create a customizer whose ACLs give the client certificate's subject every right.
	 * @param root the zk-workflow root
	 * @param alsoProtected further tree roots, such as the live configuration root
	 * @param owner the client's {@code x509} identity
	 * @param readers read-only identities
	 * @param rootReaders ACL ids that may read the tree roots themselves
	 */
	public X509SecurityCustomizer(ZkRoot root, List<ZkRoot> alsoProtected, Id owner, List<Id> readers,
			List<Id> rootReaders) {
		this.aclProvider = new RootAclProvider(root, alsoProtected, owner, readers, rootReaders);
	}

	@Override
	public void customize(CuratorFrameworkFactory.Builder builder) {
		builder.aclProvider(this.aclProvider);
	}

}
