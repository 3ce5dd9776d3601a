package web

import (
	"encoding/json"
	"net/http"
	"reflect"
	"strconv"
	"strings"
)

// openAPI writes the OpenAPI 3.1 document of the API from its routes: the
// paths, parameters and bodies as the handlers read them, and the schemas
// from the Go types they answer with (JSON names from the struct tags), so
// that the document cannot drift from the code.
func (s *Server) openAPI() ([]byte, error) {
	sc := &schemas{defs: map[string]any{}}
	sc.defs["Error"] = sc.object(reflect.TypeOf(apiError{}))
	paths := map[string]map[string]any{}
	for _, r := range s.apiRoutes() {
		op := map[string]any{
			"summary":     r.summary,
			"operationId": opID(r),
		}
		var ps []any
		for _, p := range r.pathParams {
			ps = append(ps, paramDoc(p, "path"))
		}
		for _, p := range r.params {
			ps = append(ps, paramDoc(p, "query"))
		}
		if len(ps) > 0 {
			op["parameters"] = ps
		}
		if r.body != nil {
			body := sc.ref(reflect.TypeOf(r.body))
			if r.path == "/api/documents" {
				body = map[string]any{"oneOf": []any{body, map[string]any{"type": "array", "items": body}}}
			}
			op["requestBody"] = map[string]any{
				"required":    true,
				"description": r.bodyDesc,
				"content": map[string]any{
					"application/json": map[string]any{"schema": body},
				},
			}
		}
		var result any = map[string]any{"type": "object"}
		if r.result != nil {
			result = sc.ref(reflect.TypeOf(r.result))
		}
		switch {
		case r.list:
			result = map[string]any{
				"type":     "object",
				"required": []string{"items", "limit", "offset"},
				"properties": map[string]any{
					"items":  map[string]any{"type": "array", "items": result},
					"limit":  map[string]any{"type": "integer"},
					"offset": map[string]any{"type": "integer"},
					"next":   map[string]any{"type": "string", "description": "the path and query of the next page; absent on the last"},
				},
			}
		case strings.HasSuffix(r.path, "counterparts") || r.path == "/api/timeline" || r.path == "/api/network":
			result = map[string]any{
				"type":       "object",
				"required":   []string{"items"},
				"properties": map[string]any{"items": map[string]any{"type": "array", "items": result}},
			}
		case r.path == "/api/documents":
			result = map[string]any{"oneOf": []any{result, map[string]any{
				"type":       "object",
				"properties": map[string]any{"items": map[string]any{"type": "array", "items": result}},
			}}}
		}
		responses := map[string]any{}
		ok := "200"
		if r.status != 0 {
			ok = strconv.Itoa(r.status)
			responses["200"] = map[string]any{"description": "done (the document was known already, or replaced; or several documents)",
				"content": map[string]any{"application/json": map[string]any{"schema": result}}}
		}
		responses[ok] = map[string]any{"description": http.StatusText(atoi(ok)),
			"content": map[string]any{"application/json": map[string]any{"schema": result}}}
		for _, code := range append(r.errors, http.StatusInternalServerError) {
			responses[strconv.Itoa(code)] = map[string]any{"description": errorText(code),
				"content": map[string]any{"application/json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/Error"}}}}
		}
		if strings.HasPrefix(r.path, "/api/") {
			responses["405"] = map[string]any{"description": "another method than the path allows (see the Allow header)",
				"content": map[string]any{"application/json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/Error"}}}}
		}
		op["responses"] = responses
		if r.auth {
			op["security"] = []any{map[string]any{"writeToken": []string{}}}
		}
		if paths[r.path] == nil {
			paths[r.path] = map[string]any{}
		}
		paths[r.path][strings.ToLower(r.method)] = op
	}
	doc := map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{
			"title":   "Parley",
			"version": s.opt.Version,
			"description": "Event data read from news articles: CAMEO-coded events, quotations and actors, each with the byte " +
				"spans of its evidence. Spans are byte offsets [start, end) into the document's text. Dates take YYYY-MM-DD, " +
				"YYYY-MM or YYYY. Errors are JSON {\"error\": ...} (with \"param\" naming a bad query parameter); unknown " +
				"query parameters are refused. Request bodies over " + strconv.FormatInt(s.opt.MaxBody, 10) + " bytes get 413.",
		},
		"paths": paths,
		"components": map[string]any{
			"schemas": sc.defs,
			"securitySchemes": map[string]any{
				"writeToken": map[string]any{"type": "http", "scheme": "bearer",
					"description": "the token parley serve was started with (--write-token); without one, ingest is off (403)"},
			},
		},
	}
	return json.MarshalIndent(doc, "", "  ")
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

func errorText(code int) string {
	switch code {
	case http.StatusBadRequest:
		return "a bad parameter or body (param names it)"
	case http.StatusNotFound:
		return "no record has that id"
	case http.StatusUnauthorized:
		return "no valid write token"
	case http.StatusForbidden:
		return "ingest is off: the server has no write token"
	case http.StatusRequestEntityTooLarge:
		return "the body is over the server's limit"
	}
	return http.StatusText(code)
}

func opID(r route) string {
	p := strings.NewReplacer("/api/", "", "/{id}", "ByID", "/", "_", ".", "_").Replace(r.path)
	p = strings.Trim(p, "_")
	return strings.ToLower(r.method) + "_" + p
}

func paramDoc(p param, in string) map[string]any {
	schema := map[string]any{"type": p.typ}
	if len(p.enum) > 0 {
		if p.typ == "integer" {
			var e []int
			for _, v := range p.enum {
				e = append(e, atoi(v))
			}
			schema["enum"] = e
		} else {
			schema["enum"] = p.enum
		}
	}
	if p.def != "" {
		if p.typ == "integer" {
			schema["default"] = atoi(p.def)
		} else {
			schema["default"] = p.def
		}
	}
	d := map[string]any{"name": p.name, "in": in, "description": p.desc, "schema": schema}
	if in == "path" {
		d["required"] = true
	}
	return d
}

// schemas makes JSON Schemas of Go types, one named schema per struct.
type schemas struct {
	defs map[string]any
}

func (sc *schemas) ref(t reflect.Type) map[string]any {
	switch t.Kind() {
	case reflect.Pointer:
		return map[string]any{"anyOf": []any{sc.ref(t.Elem()), map[string]any{"type": "null"}}}
	case reflect.Struct:
		name := t.Name()
		if _, ok := sc.defs[name]; !ok {
			sc.defs[name] = nil // reserved: a type that refers to itself
			sc.defs[name] = sc.object(t)
		}
		return map[string]any{"$ref": "#/components/schemas/" + name}
	case reflect.Slice, reflect.Array:
		s := map[string]any{"type": "array", "items": sc.ref(t.Elem())}
		if t.Kind() == reflect.Array {
			s["minItems"], s["maxItems"] = t.Len(), t.Len()
		}
		return s
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": sc.ref(t.Elem())}
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return map[string]any{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}
	}
	return map[string]any{}
}

// object is a struct's schema: its JSON fields, those without omitempty
// required; an embedded struct's fields are its own.
func (sc *schemas) object(t reflect.Type) map[string]any {
	props := map[string]any{}
	var required []string
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			tag := f.Tag.Get("json")
			if tag == "-" {
				continue
			}
			name, opts, _ := strings.Cut(tag, ",")
			if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
				walk(f.Type)
				continue
			}
			if name == "" {
				name = f.Name
			}
			props[name] = sc.ref(f.Type)
			if !strings.Contains(opts, "omitempty") {
				required = append(required, name)
			}
		}
	}
	walk(t)
	o := map[string]any{"type": "object", "properties": props}
	if len(required) > 0 {
		o["required"] = required
	}
	return o
}
