package armjson

// Place gives an evaluated value the line of the text it came from, for the
// template and Bicep evaluators: the result itself gets line, and nodes the
// evaluation created (line 0) get it too. Nodes taken from elsewhere keep
// their own lines, so a finding on a member of a variable's object points
// at the variable. A nil n becomes an Unknown node.
func Place(n *Node, line int) *Node {
	if n == nil {
		return UnknownNode(line, "no value")
	}
	if n.Line != 0 {
		c := *n
		c.Line = line
		return &c
	}
	fill(n, line)
	return n
}

func fill(n *Node, line int) {
	n.Line = line
	for _, it := range n.Items {
		if it.Line == 0 {
			fill(it, line)
		}
	}
	for i := range n.Fields {
		if n.Fields[i].Line == 0 {
			n.Fields[i].Line = line
		}
		if v := n.Fields[i].Value; v.Line == 0 {
			fill(v, line)
		}
	}
}
