package kube

import (
	"fmt"
	"strings"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/aksguard/aksguard/estate"
)

// workload builds the estate's view of an object with a pod template; spec
// is the pod spec (nil when the object has no template) found at specPath.
func workload(kind string, m *metav1.ObjectMeta, spec *corev1.PodSpec, specPath string, at locator) *estate.Workload {
	w := &estate.Workload{
		Meta:      objectMeta(kind, true, m, at),
		Kind:      kind,
		Namespace: namespaceOf(m),
		Labels:    m.Labels,
	}
	if spec == nil {
		return w
	}
	for i := range spec.InitContainers {
		c := &spec.InitContainers[i]
		w.Containers = append(w.Containers, container(estate.InitContainer, c.Name, c.Image, c.Env,
			fmt.Sprintf("%s.initContainers[%d]", specPath, i), at))
	}
	for i := range spec.Containers {
		c := &spec.Containers[i]
		w.Containers = append(w.Containers, container(estate.RegularContainer, c.Name, c.Image, c.Env,
			fmt.Sprintf("%s.containers[%d]", specPath, i), at))
	}
	for i := range spec.EphemeralContainers {
		c := &spec.EphemeralContainers[i].EphemeralContainerCommon
		w.Containers = append(w.Containers, container(estate.EphemeralContainer, c.Name, c.Image, c.Env,
			fmt.Sprintf("%s.ephemeralContainers[%d]", specPath, i), at))
	}
	return w
}

func container(kind estate.ContainerKind, name, image string, env []corev1.EnvVar, path string, at locator) estate.Container {
	c := estate.Container{Name: name, Kind: kind, Image: imageValue(image, at(path+".image")), Loc: at(path)}
	for j, e := range env {
		v := estate.EnvVar{Name: e.Name, Literal: e.ValueFrom == nil, Loc: at(fmt.Sprintf("%s.env[%d]", path, j))}
		if v.Literal {
			v.Value = e.Value
		} else {
			v.FromSecret = e.ValueFrom.SecretKeyRef != nil
		}
		c.Env = append(c.Env, v)
	}
	return c
}

// placeholders mark an image that a tool fills in before deployment
// (envsubst, Helm, Azure Pipelines); the manifest does not say which image runs.
var placeholders = []string{"${", "$(", "{{", "#{"}

func imageValue(image string, loc estate.Loc) estate.Value[string] {
	if image == "" {
		// Kubernetes has no default image: the API server would reject the
		// object, or kustomize and the like set it later.
		return estate.Unresolved[string](loc, "the manifest sets no image")
	}
	for _, p := range placeholders {
		if strings.Contains(image, p) {
			return estate.Unresolved[string](loc, fmt.Sprintf("image %q holds a placeholder that is substituted before deployment", image))
		}
	}
	return estate.Set(image, loc)
}
