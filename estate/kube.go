package estate

import "fmt"

// KubeID returns the synthetic ID of a Kubernetes object:
// "k8s:<kind>/<namespace>/<name>" (namespace omitted for cluster-scoped
// kinds). Objects read from different inputs with the same ID are the same
// object.
func KubeID(kind, namespace, name string) ResourceID {
	if namespace == "" {
		return ResourceID(fmt.Sprintf("k8s:%s/%s", kind, name))
	}
	return ResourceID(fmt.Sprintf("k8s:%s/%s/%s", kind, namespace, name))
}

// Namespace is a Kubernetes namespace.
type Namespace struct {
	Meta
	Labels map[string]string
}

// Workload is any object with a pod template: Pod, Deployment, StatefulSet,
// DaemonSet, ReplicaSet, ReplicationController, Job, CronJob.
type Workload struct {
	Meta
	Kind      string
	Namespace string // "default" when the object does not say
	Labels    map[string]string
	// Containers lists containers, init containers and ephemeral containers.
	Containers []Container
}

// ContainerKind distinguishes regular, init and ephemeral containers.
type ContainerKind string

// Container kinds.
const (
	RegularContainer   ContainerKind = "container"
	InitContainer      ContainerKind = "initContainer"
	EphemeralContainer ContainerKind = "ephemeralContainer"
)

// Container is one container of a pod template.
type Container struct {
	Name  string
	Kind  ContainerKind
	Image Value[string]
	Env   []EnvVar
	Loc   Loc
}

// EnvVar is a container environment variable. A literal value is kept so that
// rules can tell whether it looks like a credential; reports never print it.
type EnvVar struct {
	Name string
	// Literal is true when the value is written in the manifest (value:), false
	// when it comes from a secretKeyRef, configMapKeyRef or fieldRef.
	Literal bool
	Value   string `json:"-"`
	// FromSecret is true for valueFrom.secretKeyRef.
	FromSecret bool
	Loc        Loc
}

// NetworkPolicy is a Kubernetes NetworkPolicy.
type NetworkPolicy struct {
	Meta
	Namespace string
	// SelectsAllPods is true when spec.podSelector is empty.
	SelectsAllPods bool
	// PolicyTypes are the effective policy types ("Ingress", "Egress"),
	// defaulted as Kubernetes does when spec.policyTypes is absent.
	PolicyTypes  []string
	IngressRules int // number of spec.ingress entries; 0 with Ingress type is deny-all
	EgressRules  int
}

// Ingress is a Kubernetes Ingress.
type Ingress struct {
	Meta
	Namespace string
	Class     string
	// Hosts are the hosts of spec.rules (an empty string for a rule without host).
	Hosts []string
	// TLSHosts are the hosts listed under spec.tls; HasTLS is true when spec.tls
	// has any entry.
	TLSHosts    []string
	HasTLS      bool
	Annotations map[string]string
}

// Service is a Kubernetes Service.
type Service struct {
	Meta
	Namespace   string
	Type        string // ClusterIP, NodePort, LoadBalancer, ExternalName
	Ports       []ServicePort
	Annotations map[string]string
}

// ServicePort is one port of a Service.
type ServicePort struct {
	Name        string
	Port        int
	TargetPort  string
	Protocol    string
	AppProtocol string
}

// Secret is a Kubernetes Secret. Only its metadata is kept; values never
// enter the estate.
type Secret struct {
	Meta
	Namespace string
	Type      string
	// DataKeys are the keys of data and stringData.
	DataKeys []string
	// HasLiteralData is true when the object carries data or stringData values
	// (a manifest that ships secret material).
	HasLiteralData bool
}

// ConfigMap is a Kubernetes ConfigMap. Data is kept because TLS settings
// (ingress-nginx ssl-protocols) live there.
type ConfigMap struct {
	Meta
	Namespace string
	Data      map[string]string
}
