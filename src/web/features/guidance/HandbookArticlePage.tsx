import { Link, useParams } from "react-router";
import { ApiError } from "../../api";
import { useDocumentTitle } from "../../lib/hooks";
import { QueryError } from "../../lib/QueryError";
import { EmptyState, LinkButton, Loading, PageHeader } from "../../ui";
import { useHandbookArticle } from "./guidanceApi";
import type { HandbookArticle } from "./types";

// The article is structured text (headings, paragraphs, lists) rendered as React text nodes:
// nothing in it is ever treated as markup.

function BackLink() {
  return (
    <Link
      to="/handbook"
      className="text-sm font-medium text-teal-800 underline-offset-2 hover:underline"
    >
      <span aria-hidden="true">← </span>Back to the handbook
    </Link>
  );
}

export function HandbookArticlePage() {
  const { slug = "" } = useParams();
  const article = useHandbookArticle(slug);
  useDocumentTitle(article.data?.title ?? "Handbook");

  if (article.isPending) return <Loading />;
  if (article.isError) {
    if (article.error instanceof ApiError && article.error.status === 404)
      return (
        <>
          <PageHeader title="Handbook" />
          <EmptyState
            title="There is no handbook article at this address."
            action={
              <LinkButton to="/handbook" variant="primary">
                Back to the handbook
              </LinkButton>
            }
          >
            The article may have been renamed. Every article is listed in the handbook.
          </EmptyState>
        </>
      );
    return <QueryError error={article.error} onRetry={() => void article.refetch()} />;
  }
  return <Article article={article.data} />;
}

function Article({ article }: { article: HandbookArticle }) {
  return (
    <article className="max-w-prose">
      <PageHeader eyebrow={<BackLink />} title={article.title} description={article.summary} />
      <div className="space-y-8">
        {article.sections.map((s) => (
          <section key={s.heading} aria-labelledby={`section-${slugOf(s.heading)}`}>
            <h2
              id={`section-${slugOf(s.heading)}`}
              className="text-lg font-semibold text-stone-900"
            >
              {s.heading}
            </h2>
            {s.paragraphs.map((p) => (
              <p key={p} className="mt-2 leading-relaxed text-stone-800">
                {p}
              </p>
            ))}
            {s.bullets.length ? (
              <ul className="mt-3 list-disc space-y-1.5 pl-6 leading-relaxed text-stone-800">
                {s.bullets.map((b) => (
                  <li key={b}>{b}</li>
                ))}
              </ul>
            ) : null}
          </section>
        ))}
      </div>
      {article.related.length ? (
        <nav aria-label="Read next" className="mt-10 border-t border-stone-200 pt-6">
          <h2 className="text-base font-semibold text-stone-900">Read next</h2>
          <ul className="mt-2 space-y-3">
            {article.related.map((r) => (
              <li key={r.slug}>
                <Link
                  to={`/handbook/${r.slug}`}
                  className="font-medium text-teal-800 underline-offset-2 hover:underline"
                >
                  {r.title}
                </Link>
                <p className="text-sm text-stone-600">{r.summary}</p>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <p className="mt-8">
        <BackLink />
      </p>
    </article>
  );
}

const slugOf = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
