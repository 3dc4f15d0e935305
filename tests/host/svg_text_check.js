// SPDX-License-Identifier: GPL-2.0
// Loaded into a copy of a report page by tests/host/tool_report.sh: for
// every inline SVG chart, whether any two of its texts overlap or any
// sticks out of the chart, as the browser lays them out (turned texts
// as the quadrilaterals they are).  The result goes into
// a PRE element, id svg-text-check, for --dump-dom: a line "texts=N overlaps=N
// outside=N", then one line per problem.
(function () {
	var out = [], texts = 0, overlaps = 0, outside = 0;

	// The corners of @t's box, shrunk by @pad (the line's leading), in its svg's space.
	function quad(t, pad) {
		var b = t.getBBox(), m = t.getCTM();
		return [[b.x + pad, b.y + pad], [b.x + b.width - pad, b.y + pad],
			[b.x + b.width - pad, b.y + b.height - pad], [b.x + pad, b.y + b.height - pad]]
			.map(function (p) {
				var q = new DOMPoint(p[0], p[1]).matrixTransform(m);
				return [q.x, q.y];
			});
	}
	// Separating axis theorem, for two convex quadrilaterals.
	function apart(a, b) {
		var polys = [a, b], i, j, k;
		for (i = 0; i < 2; i++) {
			for (j = 0; j < 4; j++) {
				var p = polys[i][j], q = polys[i][(j + 1) % 4];
				var nx = q[1] - p[1], ny = p[0] - q[0];
				var r = [[Infinity, -Infinity], [Infinity, -Infinity]];
				for (k = 0; k < 2; k++)
					polys[k].forEach(function (c) {
						var d = c[0] * nx + c[1] * ny;
						r[k][0] = Math.min(r[k][0], d);
						r[k][1] = Math.max(r[k][1], d);
					});
				if (r[0][1] <= r[1][0] || r[1][1] <= r[0][0])
					return true;
			}
		}
		return false;
	}
	document.querySelectorAll('svg').forEach(function (svg) {
		var w = svg.width.baseVal.value, h = svg.height.baseVal.value;
		var ts = Array.prototype.slice.call(svg.querySelectorAll('text'));
		var qs = ts.map(function (t) { return quad(t, 1); });
		var name = svg.id || svg.getAttribute('class') || 'svg';
		var i, j;

		texts += ts.length;
		for (i = 0; i < ts.length; i++) {
			if (qs[i].some(function (c) { return c[0] < -0.5 || c[1] < -0.5 ||
						      c[0] > w + 0.5 || c[1] > h + 0.5; })) {
				outside++;
				out.push('outside ' + name + ': ' + ts[i].textContent);
			}
			for (j = i + 1; j < ts.length; j++) {
				if (!apart(qs[i], qs[j])) {
					overlaps++;
					out.push('overlap ' + name + ': ' + ts[i].textContent + ' / ' +
						 ts[j].textContent);
				}
			}
		}
	});
	var pre = document.createElement('pre');
	pre.id = 'svg-text-check';
	pre.textContent = 'texts=' + texts + ' overlaps=' + overlaps + ' outside=' + outside +
		'\n' + out.join('\n');
	document.body.appendChild(pre);
})();
