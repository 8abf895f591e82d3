window.YTD.tweets.part1 = [
  {
    "tweet" : {
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com\" rel=\"nofollow\">Twitter Web Client</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "display_text_range" : [
        "0",
        "51"
      ],
      "favorite_count" : "900",
      "id_str" : "1245410600054489168",
      "truncated" : false,
      "retweet_count" : "150",
      "id" : "1245410600054489168",
      "created_at" : "Wed Apr 01 18:00:00 +0000 2020",
      "favorited" : false,
      "full_text" : "Work from home tip: a good chair beats a good desk.",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com\" rel=\"nofollow\">Twitter Web Client</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [
          {
            "screen_name" : "alltop",
            "name" : "Alltop",
            "id" : "15434007",
            "id_str" : "15434007",
            "indices" : [
              "3",
              "10"
            ]
          },
          {
            "screen_name" : "GuyKawasaki",
            "name" : "Guy Kawasaki",
            "id" : "9533117",
            "id_str" : "9533117",
            "indices" : [
              "101",
              "113"
            ]
          }
        ],
        "urls" : []
      },
      "display_text_range" : [
        "0",
        "140"
      ],
      "favorite_count" : "0",
      "id_str" : "1215566451978178639",
      "truncated" : false,
      "retweet_count" : "30",
      "id" : "1215566451978178639",
      "created_at" : "Fri Jan 10 09:30:00 +0000 2020",
      "favorited" : false,
      "full_text" : "RT @alltop: Alltop turns 12! Thanks to everyone who reads the top stories with us, and to co-founder @GuyKawasaki &amp; the team https://t.…",
      "lang" : "en",
      "possibly_sensitive" : false
    }
  },
  {
    "tweet" : {
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com\" rel=\"nofollow\">Twitter Web Client</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "https://t.co/B0tjrv9NTn",
            "expanded_url" : "https://alltop.com/entrepreneurs",
            "display_url" : "alltop.com/entrepreneurs",
            "indices" : [
              "53",
              "76"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "76"
      ],
      "favorite_count" : "0",
      "id_str" : "1162006025580032077",
      "truncated" : false,
      "retweet_count" : "19",
      "id" : "1162006025580032077",
      "created_at" : "Thu Aug 15 14:20:00 +0000 2019",
      "favorited" : false,
      "full_text" : "Still the best place to follow entrepreneurship news https://t.co/B0tjrv9NTn",
      "lang" : "en",
      "possibly_sensitive" : false
    }
  },
  {
    "tweet" : {
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com\" rel=\"nofollow\">Twitter Web Client</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "https://t.co/8ddl3dU83I",
            "expanded_url" : "https://guykawasaki.example/podcast/ep1",
            "display_url" : "guykawasaki.example/podca…",
            "indices" : [
              "66",
              "89"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "89"
      ],
      "favorite_count" : "0",
      "id_str" : "1134837004593872972",
      "truncated" : false,
      "retweet_count" : "22",
      "id" : "1134837004593872972",
      "created_at" : "Sat Jun 01 15:00:00 +0000 2019",
      "favorited" : false,
      "full_text" : "New episode of Remarkable People: what makes a great entrepreneur https://t.co/8ddl3dU83I",
      "lang" : "en",
      "possibly_sensitive" : false
    }
  }
]